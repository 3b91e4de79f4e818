namespace Suanwang.ControlPlane.Admission;

/// <summary>What a spec is admitted for; each asks a little more of it.</summary>
public enum AdmissionPurpose
{
    /// <summary>A job submitted directly: needs a command, and orders when the server requires them.</summary>
    Submit,

    /// <summary>A price inquiry: the spec need not say what it runs.</summary>
    Quote,

    /// <summary>A paid order: needs a command and a bound on what it can cost.</summary>
    Order,
}
