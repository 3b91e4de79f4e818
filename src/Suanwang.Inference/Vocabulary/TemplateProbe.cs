namespace Suanwang.Inference.Vocabulary;

// Measures the chat template's allowance on the model itself: for each role and a few contents
// (empty, ASCII, CJK, whitespace runs, words whose tokens change without a leading space), the
// rendered prompt's tokens (as a chat request counts them, BOS included) less the tokens of its
// strings counted apart, for one message and for two. The margin covers what the probes cannot
// show: a content's first and last pieces merging differently beside the template's markers.
internal static class TemplateProbe
{
    private const int MessageMargin = 4;
    private const int RequestMargin = 2;

    private static readonly string[] s_contents = ["", "a", "Hello", " Hello, world.", "\n\n", "  two  spaces  ", "你好，世界", "Internationalization", "<s></s>", "😀"];

    // The roles the server's template knows, each with the names a client may send for it.
    private static readonly (string Role, string[] Sent)[] s_roles = [("system", ["system", "developer"]), ("user", ["user"]), ("assistant", ["assistant"])];

    public static TemplateAllowance Measure(Func<IReadOnlyList<TemplateMessage>, int> rendered, Func<string, int> count)
    {
        var perMessage = 0;
        var perRequest = 0;
        foreach (var (role, sent) in s_roles)
        {
            var roleTokens = sent.Min(count);
            foreach (var content in s_contents)
            {
                var strings = roleTokens + count(content);
                var one = rendered([new TemplateMessage(role, content)]) - strings;
                var two = rendered([new TemplateMessage(role, content), new TemplateMessage(role, content)]) - (2 * strings);
                perMessage = Math.Max(perMessage, two - one);
                perRequest = Math.Max(perRequest, one - (two - one));
            }
        }

        return new TemplateAllowance(perMessage + MessageMargin, perRequest + RequestMargin);
    }
}
