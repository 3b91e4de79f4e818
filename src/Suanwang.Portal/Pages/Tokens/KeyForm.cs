using System.Globalization;
using Suanwang.ControlPlane.Admission;
using Suanwang.Protocol.Tenants;

namespace Suanwang.Portal.Pages.Tokens;

/// <summary>The form that issues a tenant key with its jurisdictions and limits; read into the REST API's <see cref="NewApiKey"/>.</summary>
public sealed class KeyForm
{
    /// <summary>Most characters in the jurisdictions field.</summary>
    public const int MaxJurisdictionsText = 400;

    /// <summary>Most characters in a number field.</summary>
    public const int MaxNumberText = 32;

    /// <summary>Countries whose law may apply to the key's requests, separated by commas or spaces; empty for anywhere.</summary>
    public string? Jurisdictions { get; set; }

    /// <summary>Requests per minute; empty for no limit.</summary>
    public string? RequestsPerMinute { get; set; }

    /// <summary>Tokens per minute; empty for no limit.</summary>
    public string? TokensPerMinute { get; set; }

    /// <summary>Spend per calendar month in the base currency; empty for no limit.</summary>
    public string? SpendPerMonth { get; set; }

    /// <summary>The day (UTC) the key expires at its start, yyyy-MM-dd; empty for never.</summary>
    public string? ExpiresOn { get; set; }

    /// <summary>The key the form asks for, or the refusal naming the field at fault (the REST API's field names).</summary>
    public Outcome<NewApiKey> Read()
    {
        if (Jurisdictions is { Length: > MaxJurisdictionsText })
        {
            return Refusal.BadField("jurisdictions", $"longer than {MaxJurisdictionsText} characters");
        }

        var codes = string.IsNullOrWhiteSpace(Jurisdictions)
            ? null
            : Jurisdictions.Split([',', ' ', ';', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var (rpm, rpmProblem) = Whole("requests_per_minute", RequestsPerMinute);
        var (tpm, tpmProblem) = Whole("tokens_per_minute", TokensPerMinute);
        if ((rpmProblem ?? tpmProblem) is { } wholeProblem)
        {
            return wholeProblem;
        }

        decimal? spend = null;
        if (!string.IsNullOrWhiteSpace(SpendPerMonth))
        {
            if (SpendPerMonth.Length > MaxNumberText || !decimal.TryParse(SpendPerMonth.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return Refusal.BadField("spend_per_month", $"'{Clip(SpendPerMonth)}' is not an amount such as 100.00");
            }

            spend = amount;
        }

        DateTimeOffset? expires = null;
        if (!string.IsNullOrWhiteSpace(ExpiresOn))
        {
            if (ExpiresOn.Length > MaxNumberText || !DateOnly.TryParseExact(ExpiresOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return Refusal.BadField("expires_at", $"'{Clip(ExpiresOn)}' is not a day such as 2027-01-31");
            }

            expires = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return new NewApiKey(false, expires, codes, rpm, tpm, spend);
    }

    private static (long? Value, Refusal? Problem) Whole(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        return text.Length <= MaxNumberText && long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? (value, null)
            : (null, Refusal.BadField(field, $"'{Clip(text)}' is not a whole number"));
    }

    private static string Clip(string text) => text.Length > MaxNumberText ? text[..MaxNumberText] + "…" : text;
}
