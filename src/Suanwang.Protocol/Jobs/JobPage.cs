namespace Suanwang.Protocol.Jobs;

/// <summary>A page of jobs, newest first; pass <paramref name="Next"/> as <c>before</c> for the next page.</summary>
/// <param name="Items">The jobs.</param>
/// <param name="Next">Cursor for the next page, or null at the end.</param>
public sealed record JobPage(IReadOnlyList<JobView> Items, long? Next);
