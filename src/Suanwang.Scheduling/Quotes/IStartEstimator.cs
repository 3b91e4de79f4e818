namespace Suanwang.Scheduling.Quotes;

/// <summary>Says when a pool that is full now will have room, from what runs there (the <see cref="Queue.Scheduler"/> knows).</summary>
public interface IStartEstimator
{
    /// <summary>
    /// The earliest time at or after <paramref name="now"/> when <paramref name="pool"/> has
    /// <paramref name="cards"/> cards free, or +inf when what is known of its running work never
    /// frees that many.
    /// </summary>
    double EarliestStart(int pool, int cards, double now);
}
