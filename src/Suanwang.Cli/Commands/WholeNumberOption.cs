using System.CommandLine;
using System.Globalization;

namespace Suanwang.Cli.Commands;

/// <summary>
/// An optional whole-number flag whose bad value reads as "--limit: 'x' is not a whole number
/// from 1 to 1000" rather than the parser's message naming a .NET type.
/// </summary>
internal static class WholeNumberOption
{
    public static Option<int?> Create(string name, string description, int min, int max)
    {
        var option = new Option<int?>(name) { Description = description };
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            var range = max == int.MaxValue ? $"of {min} or more" : $"from {min} to {max}";
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name}: '{text}' is not a whole number {range}"));
            return null;
        };
        return option;
    }
}
