using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Market;
using Suanwang.Protocol.Market;

namespace Suanwang.Portal.Pages;

/// <summary>The wallet's top-up and refund forms: read into the REST API's <see cref="NewTopUp"/> and checked by the same <see cref="WalletDesk"/>.</summary>
public sealed class MoneyForm
{
    /// <summary>Most characters in the amount field.</summary>
    public const int MaxAmount = 32;

    /// <summary>The amount, digits with an optional decimal point.</summary>
    public string? Amount { get; set; }

    /// <summary>The currency paid in (top-ups); refunds are in the base currency.</summary>
    public string? Currency { get; set; }

    /// <summary>A note shown on statements.</summary>
    public string? Memo { get; set; }

    /// <summary>The key the form was shown with: a second post of the same form finds the first posting.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>The body the form stands for, or the refusal naming the field at fault; <paramref name="currency"/> overrides the form's.</summary>
    public Outcome<NewTopUp> Read(string? currency)
    {
        if (string.IsNullOrWhiteSpace(Amount))
        {
            return Refusal.BadField("amount", "required: the amount, for example 100.00");
        }

        if (Amount.Length > MaxAmount)
        {
            return Refusal.BadField("amount", $"longer than {MaxAmount} characters");
        }

        var paid = currency ?? Currency;
        if (paid is not { Length: > 0 and <= 8 })
        {
            return Refusal.BadField("currency", "required: an ISO 4217 code such as CNY");
        }

        if (IdempotencyKey is not { Length: > 0 and <= WalletDesk.MaxKeyLength })
        {
            return Refusal.BadField("Idempotency-Key", "missing or too long: reload the page and send the form again");
        }

        return new NewTopUp(Amount.Trim(), paid, string.IsNullOrWhiteSpace(Memo) ? null : Memo);
    }
}
