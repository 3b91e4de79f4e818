using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Market;
using Suanwang.Protocol;
using Suanwang.Protocol.Tokens;
using Suanwang.Storage;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>The model endpoints sites publish: checked and stored when an agent sends them, listed with their state.</summary>
public sealed partial class SiteModelDesk(IStore store, SiteDirectory directory, ModelCatalog catalog, IOptions<MarketOptions> market, TimeProvider time)
{
    /// <summary>Most endpoints one site publishes.</summary>
    public const int MaxModels = 64;

    /// <summary>Stores what <paramref name="site"/> publishes, replacing what it published before; the gateway routes by it at once.</summary>
    public async Task<Outcome<int>> PublishAsync(string site, SiteModels body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Check(body) is { } problem)
        {
            return problem;
        }

        var record = await store.GetSiteAsync(site, cancellationToken).ConfigureAwait(false);
        if (record is null || directory.SiteOf(record) is not { } parsed)
        {
            return new Refusal(RefusalKind.NotFound, $"site '{site}' is not registered; the agent registers it first");
        }

        var json = JsonSerializer.Serialize(body.Models, ProtocolJson.Options);
        if (!await store.SetSiteModelsAsync(site, parsed.Jurisdiction.Country, parsed.Owner, json, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return new Refusal(RefusalKind.NotFound, $"site '{site}' is not registered; the agent registers it first");
        }

        await catalog.RefreshAsync(force: true, cancellationToken).ConfigureAwait(false);
        return body.Models.Count;
    }

    /// <summary>Every published endpoint with its state now.</summary>
    public async Task<IReadOnlyList<ModelEndpointView>> ListAsync(CancellationToken cancellationToken)
    {
        await catalog.RefreshAsync(force: true, cancellationToken).ConfigureAwait(false);
        return [.. catalog.Endpoints.Values
            .OrderBy(e => e.Router.ModelId, StringComparer.Ordinal).ThenBy(e => e.Router.SiteId, StringComparer.Ordinal)
            .Select(e => new ModelEndpointView(
                e.Router.ModelId, e.Router.SiteId, e.Router.Country, e.Kind, e.Router.ContextLength, e.Router.Capacity,
                e.Router.InputPricePerMillion, e.Router.OutputPricePerMillion, e.Router.Currency,
                !e.SiteUp ? "down: site-down" : !e.AgentHealthy ? "down: unhealthy" : "up", e.Router.InFlight))];
    }

    private Refusal? Check(SiteModels body)
    {
        if (body.Models is null)
        {
            return Refusal.BadField("models", "'models' is required: a list of endpoints, empty to publish none");
        }

        if (body.Models.Count > MaxModels)
        {
            return Refusal.BadField("models", $"a site publishes at most {MaxModels} endpoints; {body.Models.Count} were sent");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < body.Models.Count; i++)
        {
            var m = body.Models[i];
            var at = $"models[{i}]";
            if (m is null)
            {
                return Refusal.BadField(at, "an endpoint is an object");
            }

            if (m.Model is null || !ModelId().IsMatch(m.Model))
            {
                return Refusal.BadField($"{at}.model", "a model id is 1 to 128 letters, digits and . _ : / -, starting with a letter or digit");
            }

            if (!seen.Add(m.Model))
            {
                return Refusal.BadField($"{at}.model", $"model '{m.Model}' is listed twice");
            }

            if (m.Url is null || m.Url.Length > 2048 || !Uri.TryCreate(m.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                return Refusal.BadField($"{at}.url", "the URL is an absolute http or https URL of at most 2048 characters, ending in /v1");
            }

            if (m.Kind is not ("builtin" or "external"))
            {
                return Refusal.BadField($"{at}.kind", $"'{m.Kind}' is not one of builtin, external");
            }

            if (m.ContextLength is < 1 or > 10_000_000)
            {
                return Refusal.BadField($"{at}.context_length", $"{m.ContextLength} is not between 1 and 10000000");
            }

            if (m.Capacity is < 1 or > 100_000)
            {
                return Refusal.BadField($"{at}.capacity", $"{m.Capacity} is not between 1 and 100000");
            }

            if (m.InputPrice is < 0 or > 1_000_000_000m)
            {
                return Refusal.BadField($"{at}.input_price", $"{m.InputPrice} is not between 0 and 1000000000 per million tokens");
            }

            if (m.OutputPrice is < 0 or > 1_000_000_000m)
            {
                return Refusal.BadField($"{at}.output_price", $"{m.OutputPrice} is not between 0 and 1000000000 per million tokens");
            }

            if (!Currencies.IsCode(m.Currency) || market.Value.RateOf(m.Currency) is null)
            {
                return Refusal.BadField($"{at}.currency", $"'{m.Currency}' is not a currency the server takes ({market.Value.Accepted()})");
            }

            if (m.Tokenizer is not null && !SiteModel.Tokenizers.Contains(m.Tokenizer))
            {
                return Refusal.BadField($"{at}.tokenizer", $"'{(m.Tokenizer.Length > 32 ? m.Tokenizer[..32] + "..." : m.Tokenizer)}' is not one of {string.Join(", ", SiteModel.Tokenizers)}");
            }

            if (m.Tokenizer == SiteModel.Gguf ? !IsDigest(m.TokenizerDigest) : m.TokenizerDigest is not null)
            {
                return Refusal.BadField($"{at}.tokenizer_digest", m.Tokenizer == SiteModel.Gguf ? "tokenizer gguf needs the SHA-256 of its tokenizer document as 64 lower-case hex digits" : "only tokenizer gguf takes a digest");
            }
        }

        return null;
    }

    private static bool IsDigest(string? digest) => digest is { Length: 64 } && digest.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$")]
    private static partial Regex ModelId();
}
