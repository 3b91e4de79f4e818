using System.Text.RegularExpressions;
using Suanwang.ControlPlane.Admission;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Market;
using Suanwang.Core.Schemas;
using Suanwang.Protocol.Tenants;
using Suanwang.Storage;
using Suanwang.Storage.Tenants;

namespace Suanwang.ControlPlane.Tenants;

/// <summary>Tenants and their API keys: creating, reading, issuing and revoking, with the rules on ids and weights (keys in <c>TenantDirectory.Keys.cs</c>).</summary>
public sealed partial class TenantDirectory(IStore store, TimeProvider time, IOptions<MarketOptions> market)
{
    /// <summary>The admin tenant's id.</summary>
    public const string AdminTenant = "admin";

    /// <summary>Smallest fair-share weight.</summary>
    public const double MinWeight = 0.001;

    /// <summary>Largest fair-share weight.</summary>
    public const double MaxWeight = 1_000_000;

    /// <summary>
    /// First start: creates tenant <c>admin</c> and an admin key when the store has none; returns the
    /// key's secret, or null when the tenant existed (or another server sharing the store made it first).
    /// </summary>
    public async Task<string?> EnsureAdminAsync(CancellationToken cancellationToken)
    {
        if (await store.GetTenantAsync(AdminTenant, cancellationToken).ConfigureAwait(false) is not null
            || !await store.CreateTenantAsync(new TenantRecord(AdminTenant, "Administrators", 1, time.GetUtcNow()), cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var issued = await IssueKeyAsync(AdminTenant, new NewApiKey(Admin: true), cancellationToken).ConfigureAwait(false);
        return issued.Value?.Key;
    }

    /// <summary>Creates a tenant from <paramref name="body"/>; refused for a bad id or weight, or an id already taken.</summary>
    public async Task<Outcome<TenantRecord>> CreateAsync(NewTenant body, CancellationToken cancellationToken)
    {
        if (IdProblem(body.Id) is { } idProblem)
        {
            return Refusal.BadField("id", idProblem);
        }

        // A subnormal weight (1e-320) passes "above 0" but turns fair-share arithmetic into infinities.
        if (body.Weight is { } weight && (!double.IsNormal(weight) || weight is < MinWeight or > MaxWeight))
        {
            return Refusal.BadField("weight", $"the fair-share weight must be a number from {MinWeight} to {MaxWeight}");
        }

        if (body.Name is not null && PlainText.NameProblem(body.Name) is { } nameProblem)
        {
            return Refusal.BadField("name", $"the name {nameProblem}");
        }

        var tenant = new TenantRecord(body.Id, string.IsNullOrWhiteSpace(body.Name) ? body.Id : body.Name, body.Weight ?? 1, time.GetUtcNow());
        return await store.CreateTenantAsync(tenant, cancellationToken).ConfigureAwait(false)
            ? tenant
            : new Refusal(RefusalKind.Conflict, $"tenant '{body.Id}' already exists", "id");
    }

    /// <summary>Why <paramref name="id"/> is not a tenant id, or null when it is one: 1 to 63 lower-case letters, digits and dashes.</summary>
    public static string? IdProblem(string id) =>
        IdPattern().IsMatch(id) ? null : $"'{PlainText.Quote(id)}' must be 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit";

    // \A and \z, not ^ and $: "$" also matches before a final newline, which would let "acme\n" through.
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
