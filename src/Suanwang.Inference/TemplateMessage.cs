namespace Suanwang.Inference;

// One message of a chat request, its role already mapped to one the template knows.
internal sealed record TemplateMessage(string Role, string Content);
