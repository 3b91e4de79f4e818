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
}
