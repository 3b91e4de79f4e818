namespace Suanwang.Portal.Tests.Support;

/// <summary>One <see cref="PortalNetwork"/> of registered sites (no agents) shared by a test class.</summary>
public sealed class RegisteredNetwork : IAsyncLifetime
{
    /// <summary>The network.</summary>
    public PortalNetwork Network { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Network = await PortalNetwork.StartAsync(agents: false);

    /// <inheritdoc />
    public async Task DisposeAsync() => await Network.DisposeAsync();
}
