using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Market;

namespace Suanwang.Portal.Market;

/// <summary>
/// The offer book of the registered network, made again when a site is added, removed or changed
/// (the directory then builds a new view) or when a minute has passed (carbon means move with time).
/// Thread-safe.
/// </summary>
public sealed class OfferCache
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromMinutes(1);

    private Entry? _entry;

    /// <summary>Every offer of <paramref name="view"/>'s network at <paramref name="now"/>, from the cache while it holds.</summary>
    public IReadOnlyList<Offer> Of(NetworkView view, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && ReferenceEquals(entry.View, view) && now >= entry.At && now - entry.At < s_lifetime)
        {
            return entry.Offers;
        }

        entry = new Entry(view, now, OfferBook.From(view.Network, now.ToUnixTimeMilliseconds() / 1000.0));
        Volatile.Write(ref _entry, entry);
        return entry.Offers;
    }

    private sealed record Entry(NetworkView View, DateTimeOffset At, IReadOnlyList<Offer> Offers);
}
