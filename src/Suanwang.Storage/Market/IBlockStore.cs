namespace Suanwang.Storage.Market;

/// <summary>Reserved blocks (stored by <see cref="IOrderStore.PlaceOrderAsync"/>) as the scheduler holds them.</summary>
public interface IBlockStore
{
    /// <summary>Blocks in force at <paramref name="at"/> (starts_at ≤ at &lt; ends_at), by site, pool and order id.</summary>
    Task<IReadOnlyList<BlockRecord>> ListActiveBlocksAsync(DateTimeOffset at, CancellationToken cancellationToken);
}
