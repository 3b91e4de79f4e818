namespace Suanwang.Core.Law;

/// <summary>A dataset's class under data-security law; unclassified data is always denied export.</summary>
public enum Classification
{
    /// <summary>Not classified: the engine denies every cross-border decision (rule G0-2).</summary>
    Unclassified,

    /// <summary>Ordinary data.</summary>
    General,

    /// <summary>Important data, as notified or published by an authority (CN Provisions Art 2).</summary>
    Important,

    /// <summary>Core data: never leaves its country.</summary>
    Core,
}
