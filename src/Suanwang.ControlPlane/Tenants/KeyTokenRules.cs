using Suanwang.ControlPlane.Admission;
using Suanwang.Core.Market;
using Suanwang.Core.Sites;
using Suanwang.Protocol.Tenants;

namespace Suanwang.ControlPlane.Tenants;

/// <summary>The rules on a new key's jurisdictions and token limits.</summary>
public static class KeyTokenRules
{
    /// <summary>Most jurisdictions one key may name.</summary>
    public const int MaxJurisdictions = 64;

    /// <summary>The key's token policy, or the refusal naming the field at fault.</summary>
    public static Outcome<KeyTokenPolicy> Check(NewApiKey body, string baseCurrency)
    {
        ArgumentNullException.ThrowIfNull(body);
        IReadOnlyList<string>? jurisdictions = null;
        if (body.Jurisdictions is { } listed)
        {
            if (listed.Count is 0 or > MaxJurisdictions)
            {
                return Refusal.BadField("jurisdictions", $"name 1 to {MaxJurisdictions} countries, or leave the field out for anywhere");
            }

            var codes = new List<string>(listed.Count);
            for (var i = 0; i < listed.Count; i++)
            {
                var code = listed[i]?.Trim().ToUpperInvariant() ?? "";
                if (!CountryCodes.IsValid(code))
                {
                    return Refusal.BadField($"jurisdictions[{i}]", $"'{listed[i]}' is not an ISO 3166-1 alpha-2 country code");
                }

                if (!codes.Contains(code))
                {
                    codes.Add(code);
                }
            }

            jurisdictions = codes;
        }

        if (body.RequestsPerMinute is { } rpm && rpm is < 1 or > 1_000_000_000)
        {
            return Refusal.BadField("requests_per_minute", $"{rpm} is not between 1 and 1000000000");
        }

        if (body.TokensPerMinute is { } tpm && tpm is < 1 or > 1_000_000_000_000)
        {
            return Refusal.BadField("tokens_per_minute", $"{tpm} is not between 1 and 1000000000000");
        }

        long? spend = null;
        if (body.SpendPerMonth is { } amount)
        {
            if (amount < 0 || amount > 1_000_000_000_000m)
            {
                return Refusal.BadField("spend_per_month", $"{amount} is not between 0 and 1000000000000");
            }

            try
            {
                spend = MinorUnits.FromDecimal(amount, baseCurrency);
            }
            catch (ArgumentException ex)
            {
                return Refusal.BadField("spend_per_month", ex.Message);
            }
        }

        return new KeyTokenPolicy(jurisdictions, body.RequestsPerMinute, body.TokensPerMinute, spend);
    }
}
