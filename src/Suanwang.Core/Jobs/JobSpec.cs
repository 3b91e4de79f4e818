using System.Text.Json.Serialization;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Jobs;

/// <summary>A job as a user writes it (see docs/formats/job.md); close to SkyPilot's task file.</summary>
/// <param name="Name">Job name.</param>
/// <param name="Tenant">The tenant that pays for it.</param>
/// <param name="Run">The command to run.</param>
/// <param name="Resources">What it needs.</param>
/// <param name="EstimatedRuntimeSeconds">Expected run time on <paramref name="ReferenceModel"/>.</param>
/// <param name="ReferenceModel">Model the estimate was made on; null means the first acceptable model.</param>
/// <param name="ScaleRuntime">Whether run time on another model scales with relative speed.</param>
/// <param name="TimeLimitSeconds">Hard limit on run time; null for none.</param>
/// <param name="Priority">Higher runs first under the priority policy.</param>
/// <param name="Spot">Spot work is cheaper and may be preempted.</param>
/// <param name="Budget">Most the tenant will pay for the job; null for no cap.</param>
/// <param name="Inputs">Datasets the job reads.</param>
/// <param name="AllowedJurisdictions">Where the job may run; empty means anywhere its data allows.</param>
/// <param name="Datasets">Ids of registered datasets the job reads; null or empty for none.</param>
/// <param name="Preemptible">The job checkpoints on SIGTERM and resumes, so the scheduler may stop and requeue it.</param>
/// <param name="GraceSeconds">How long a stopped preemptible or elastic job has to checkpoint before it is killed; null for the default.</param>
/// <param name="Elastic">The card range and scaling of an elastic job; null for a fixed card count.</param>
public sealed record JobSpec(
    string Name,
    string Tenant,
    string? Run,
    ResourceRequest Resources,
    double EstimatedRuntimeSeconds,
    string? ReferenceModel,
    bool ScaleRuntime,
    double? TimeLimitSeconds,
    int Priority,
    bool Spot,
    Money.Money? Budget,
    IReadOnlyList<DataInput> Inputs,
    IReadOnlyList<Jurisdiction> AllowedJurisdictions,
    IReadOnlyList<string>? Datasets = null,
    bool Preemptible = false,
    double? GraceSeconds = null,
    ElasticSpec? Elastic = null)
{
    /// <summary>Equal when every field is, lists compared item by item.</summary>
    public bool Equals(JobSpec? other) =>
        other is not null
        && Name == other.Name
        && Tenant == other.Tenant
        && Run == other.Run
        && Resources == other.Resources
        && EstimatedRuntimeSeconds.Equals(other.EstimatedRuntimeSeconds)
        && ReferenceModel == other.ReferenceModel
        && ScaleRuntime == other.ScaleRuntime
        && Nullable.Equals(TimeLimitSeconds, other.TimeLimitSeconds)
        && Priority == other.Priority
        && Spot == other.Spot
        && Nullable.Equals(Budget, other.Budget)
        && Inputs.SequenceEqual(other.Inputs)
        && AllowedJurisdictions.SequenceEqual(other.AllowedJurisdictions)
        && (Datasets ?? []).SequenceEqual(other.Datasets ?? [])
        && Preemptible == other.Preemptible
        && Nullable.Equals(GraceSeconds, other.GraceSeconds)
        && Equals(Elastic, other.Elastic);

    /// <summary>The grace period a stopped job gets to checkpoint: <see cref="GraceSeconds"/> or <see cref="JobSpecFields.DefaultGraceSeconds"/>.</summary>
    [JsonIgnore]
    public double Grace => GraceSeconds ?? JobSpecFields.DefaultGraceSeconds;

    /// <summary>Whether the scheduler may stop the job with a checkpoint and start it again: preemptible or elastic.</summary>
    [JsonIgnore]
    public bool Checkpoints => Preemptible || Elastic is not null;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Tenant, Run, Resources, EstimatedRuntimeSeconds, Priority, Inputs.Count, AllowedJurisdictions.Count);
}
