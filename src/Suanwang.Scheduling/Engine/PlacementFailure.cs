using Suanwang.Scheduling.Framework;

namespace Suanwang.Scheduling.Engine;

/// <summary>Why a job could not be placed: the overall code and a message naming sites and reasons.</summary>
/// <param name="Code">Unschedulable when waiting may help; UnschedulableAndUnresolvable when no site can ever take the job.</param>
/// <param name="Message">Readable reasons, site by site.</param>
public sealed record PlacementFailure(StatusCode Code, string Message);
