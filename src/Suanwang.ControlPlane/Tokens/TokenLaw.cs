using System.Collections.Concurrent;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Policy;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>
/// The data law's answer to "where may this tenant's token request, carrying these datasets, be
/// served?", asked of <see cref="DataLaw.TokenJurisdictionsAsync"/> (which records its decisions)
/// once per tenant, datasets and candidate countries every <see cref="GatewayOptions.LawLifetime"/>:
/// between two asks the gateway decides from memory. A filing or dataset change takes effect
/// within that time.
/// </summary>
public sealed class TokenLaw(DataLaw law, GatewayOptions options, TimeProvider time)
{
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, Answer> _answers = new(StringComparer.Ordinal);

    /// <summary>The law's answer for <paramref name="tenant"/>'s request carrying <paramref name="datasets"/> among <paramref name="candidates"/> (country codes, sorted), or its refusal (an unknown dataset, say).</summary>
    public async ValueTask<Outcome<LawAnswer>> JurisdictionsAsync(string tenant, IReadOnlyList<string> datasets, IReadOnlyList<string> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(candidates);
        var key = tenant + "\n" + string.Join(',', datasets) + "\n" + string.Join(',', candidates);
        var now = time.GetUtcNow();
        if (_answers.TryGetValue(key, out var known) && now - known.At < options.LawLifetime)
        {
            return known.Outcome;
        }

        var outcome = await law.TokenJurisdictionsAsync(tenant, datasets, candidates, ExportOptions.Default, cancellationToken).ConfigureAwait(false);
        if (_answers.Count >= MaxRemembered)
        {
            _answers.Clear();
        }

        _answers[key] = new Answer(outcome, now);
        return outcome;
    }

    private sealed record Answer(Outcome<LawAnswer> Outcome, DateTimeOffset At);
}
