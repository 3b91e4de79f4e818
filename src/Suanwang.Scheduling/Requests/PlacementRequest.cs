namespace Suanwang.Scheduling.Requests;

/// <summary>
/// A job as the engine sees it: compact, resolved against the catalog and the network, and
/// passed by reference so a decision copies nothing. Built by <see cref="RequestCompiler"/>.
/// </summary>
public readonly struct PlacementRequest
{
    // Stored plus one so that a default request is pinned nowhere (-1), not to site 0.
    private readonly int _pinnedSitePlusOne;

    /// <summary>Caller's id for the job.</summary>
    public long JobId { get; init; }

    /// <summary>Dense tenant index.</summary>
    public int Tenant { get; init; }

    /// <summary>Cards per node when the job names a card count.</summary>
    public int CardsPerNode { get; init; }

    /// <summary>Nodes in the gang when the job names a card count.</summary>
    public int Nodes { get; init; }

    /// <summary>When positive, the job asks for this many cards in all and each pool lays them out on its own nodes (trace jobs).</summary>
    public int TotalCards { get; init; }

    /// <summary>When positive, the job asks for this many PFLOPS; its card count depends on the model.</summary>
    public double Pflops { get; init; }

    /// <summary>Bit i set when catalog model i is acceptable; <see cref="ulong.MaxValue"/> for any model.</summary>
    public ulong ModelMask { get; init; }

    /// <summary>Rank of each catalog model in the job's preference order (0 best); null when all are equal.</summary>
    public byte[]? ModelRank { get; init; }

    /// <summary>Minimum memory per card in GiB.</summary>
    public double MinMemoryGiB { get; init; }

    /// <summary>Run time in seconds on the reference model.</summary>
    public double RuntimeSeconds { get; init; }

    /// <summary>Dense FP16 TFLOPS of the reference model.</summary>
    public double ReferenceTflops { get; init; }

    /// <summary>Whether run time scales with the target model's speed.</summary>
    public bool ScaleRuntime { get; init; }

    /// <summary>Hard run-time limit in seconds; <see cref="double.PositiveInfinity"/> for none.</summary>
    public double TimeLimitSeconds { get; init; }

    /// <summary>Higher runs first under the priority policy.</summary>
    public int Priority { get; init; }

    /// <summary>Spot work is cheaper and may be preempted.</summary>
    public bool Spot { get; init; }

    /// <summary>The job checkpoints: a preemptive queue policy may stop it, and it resumes from its checkpoint.</summary>
    public bool Preemptible { get; init; }

    /// <summary>Most the job may cost, in the network's base currency; <see cref="double.PositiveInfinity"/> for no cap.</summary>
    public double Budget { get; init; }

    /// <summary>Countries where the job may run, after its data-residency rules.</summary>
    public CountrySet AllowedCountries { get; init; }

    /// <summary>When not null, the job may run only in these country-and-zone pairs' zones (zone-level restriction).</summary>
    public string[]? AllowedZones { get; init; }

    /// <summary>Data to pull before starting; null for none.</summary>
    public TransferSource[]? Inputs { get; init; }

    /// <summary>Index of the only site the job may run at (an order for one site's offer); -1 for any site.</summary>
    public int PinnedSite
    {
        get => _pinnedSitePlusOne - 1;
        init => _pinnedSitePlusOne = value < 0 ? 0 : value + 1;
    }

    /// <summary>Submission time in seconds.</summary>
    public double SubmitTime { get; init; }

    /// <summary>Cards the job names, independent of the pool; 1 for a job that asks for P.</summary>
    public int NominalCards => TotalCards > 0 ? TotalCards : AsksForPflops ? 1 : CardsPerNode * Nodes;

    /// <summary>True when the job asks for P rather than cards.</summary>
    public bool AsksForPflops => Pflops > 0;
}
