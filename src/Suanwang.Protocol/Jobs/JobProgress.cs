namespace Suanwang.Protocol.Jobs;

/// <summary>A running job's report of its speed: <c>POST /api/v1/jobs/{id}/progress</c>.</summary>
/// <param name="Cards">The cards per node it runs on now (its <c>SUANWANG_CARDS</c>).</param>
/// <param name="StepsPerSecond">Its training steps (or any unit of work) per second on them.</param>
public sealed record JobProgress(int Cards, double StepsPerSecond);
