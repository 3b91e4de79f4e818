namespace Suanwang.Storage.Policy;

/// <summary>A registered dataset as stored: its id, owner and its description as JSON.</summary>
/// <param name="Id">Dataset id, unique.</param>
/// <param name="Owner">Owner tenant id.</param>
/// <param name="Document">The dataset's description (classification, personal information, usage policy) as JSON.</param>
/// <param name="CreatedAt">When it was registered.</param>
public sealed record DatasetRecord(string Id, string Owner, string Document, DateTimeOffset CreatedAt);
