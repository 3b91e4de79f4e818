namespace Suanwang.Core.Law;

/// <summary>Whether a filing of one kind is on record for the exporter at decision time.</summary>
public enum FilingState
{
    /// <summary>Nothing is on file.</summary>
    None,

    /// <summary>On file and in force.</summary>
    Valid,

    /// <summary>On file but past its expiry date.</summary>
    Expired,
}
