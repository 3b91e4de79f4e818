namespace Suanwang.ControlPlane.Tokens;

/// <summary>Settings of the token gateway.</summary>
public sealed class GatewayOptions
{
    /// <summary>How often the published endpoints and the sites' liveness are read from the store.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a wallet balance read from the store is used before it is read again.</summary>
    public TimeSpan BalanceLifetime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a key read from the store is trusted (a revocation takes effect within this).</summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often token usage is billed into the ledger.</summary>
    public TimeSpan BillInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an upstream may take to send its response headers before the next endpoint is tried.</summary>
    public TimeSpan FirstByteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest request body, bytes (413 beyond).</summary>
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest non-streaming upstream response read, bytes.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Tokens a chat template may add per message (role markers, separators), added to the prompt bound.</summary>
    public int TokensPerMessage { get; set; } = 8;

    /// <summary>Tokens a template may add once per request (BOS, the assistant's turn), added to the prompt bound.</summary>
    public int TokensPerRequest { get; set; } = 16;

    /// <summary>Folder of the usage journal (records written before an answer goes out, committed to the store in batches); null for one under the server's data folder.</summary>
    public string? UsageJournalFolder { get; set; }

    /// <summary>Records the journal's writer commits to the store in one batch at most.</summary>
    public int JournalBatch { get; set; } = 1024;

    /// <summary>How long the journal's writer waits after the first record of a batch for more to join it before committing (one commit for many records at low rates); zero commits at once.</summary>
    public TimeSpan JournalLinger { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Records written to the journal and not yet in the store beyond which new requests get 503 until the store catches up.</summary>
    public int MaxJournalBacklog { get; set; } = 50_000;

    /// <summary>How often a stream in flight writes what it has delivered so far to the journal.</summary>
    public TimeSpan StreamProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the jurisdictions the data law allows a tenant's requests are used before they are asked again.</summary>
    public TimeSpan LawLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A bearer token that may read <c>/metrics</c> besides admin keys; null for admin keys only.</summary>
    public string? MetricsToken { get; set; }
}
