namespace Suanwang.Scheduling.Elastic;

/// <summary>What the allocator gives one job.</summary>
/// <param name="Pool">Pool to run on, or -1 to wait.</param>
/// <param name="Cards">Cards to hold, 0 to wait.</param>
/// <param name="Value">The allocator's value for it (higher first): the order in which the host should carry assignments out.</param>
public readonly record struct ElasticAssignment(int Pool, int Cards, double Value)
{
    /// <summary>Nothing: the job waits.</summary>
    public static ElasticAssignment None => new(-1, 0, 0);
}
