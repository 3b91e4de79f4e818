using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Suanwang.Portal.Pages;

/// <summary>The order form's fields, and the job spec they make: the common fields as YAML, then the user's own YAML for the rest.</summary>
public sealed class OrderForm
{
    /// <summary>Most characters of the free YAML.</summary>
    public const int MaxYaml = 64 * 1024;

    /// <summary>Most characters of one short field.</summary>
    public const int MaxField = 200;

    /// <summary>Most characters of the command.</summary>
    public const int MaxRun = 4000;

    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The job's name.</summary>
    public string? Name { get; set; }

    /// <summary>The command to run.</summary>
    public string? Run { get; set; }

    /// <summary>Accelerator model; empty for any.</summary>
    public string? Model { get; set; }

    /// <summary>Cards.</summary>
    public string? Cards { get; set; } = "1";

    /// <summary>Time limit, such as 10m.</summary>
    public string? TimeLimit { get; set; } = "10m";

    /// <summary>Estimated run time, such as 1m.</summary>
    public string? Estimate { get; set; }

    /// <summary>Country the job must run in; empty for anywhere.</summary>
    public string? Country { get; set; }

    /// <summary>Spot work (cheaper, may be preempted).</summary>
    public bool Spot { get; set; }

    /// <summary>More fields as YAML.</summary>
    public string? Yaml { get; set; }

    /// <summary>The first field that is too long or malformed before any YAML is read, and why; null when none.</summary>
    public (string Field, string Message)? Problem()
    {
        foreach (var (field, value, max) in new[] { ("name", Name, MaxField), ("run", Run, MaxRun), ("model", Model, MaxField), ("cards", Cards, 9), ("time_limit", TimeLimit, 32), ("estimated_runtime", Estimate, 32), ("country", Country, 2), ("yaml", Yaml, MaxYaml) })
        {
            if (value is not null && value.Length > max)
            {
                return (field, $"longer than {max} characters");
            }
        }

        if (!string.IsNullOrWhiteSpace(Cards) && !int.TryParse(Cards, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return ("cards", $"'{Cards}' is not a whole number of cards");
        }

        return !string.IsNullOrWhiteSpace(Country) && !(Country.Length == 2 && Country.All(char.IsAsciiLetter))
            ? ("country", $"'{Country}' is not a two-letter country code")
            : null;
    }

    /// <summary>The job spec as YAML: every value a JSON string (YAML reads those as they are), then the free YAML.</summary>
    public string Spec()
    {
        var yaml = new StringBuilder();
        void Line(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                yaml.Append(key).Append(": ").Append(JsonSerializer.Serialize(value.Trim(), s_json)).Append('\n');
            }
        }

        Line("name", Name);
        Line("run", Run);
        if (!string.IsNullOrWhiteSpace(Model) || !string.IsNullOrWhiteSpace(Cards))
        {
            yaml.Append("resources:\n");
            if (!string.IsNullOrWhiteSpace(Model))
            {
                yaml.Append("  accelerators: [").Append(JsonSerializer.Serialize(Model.Trim(), s_json)).Append("]\n");
            }

            if (!string.IsNullOrWhiteSpace(Cards))
            {
                yaml.Append("  cards: ").Append(Cards.Trim()).Append('\n');
            }
        }

        Line("time_limit", TimeLimit);
        Line("estimated_runtime", Estimate);
        if (!string.IsNullOrWhiteSpace(Country))
        {
            yaml.Append("allowed_jurisdictions: [").Append(Country.Trim().ToUpperInvariant()).Append("]\n");
        }

        if (Spot)
        {
            yaml.Append("spot: true\n");
        }

        if (!string.IsNullOrWhiteSpace(Yaml))
        {
            yaml.Append(Yaml.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd()).Append('\n');
        }

        return yaml.ToString();
    }
}
