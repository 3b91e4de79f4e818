namespace Suanwang.Core.Law;

/// <summary>An exemption the exporter claims for a transfer (CN Provisions Arts 3-5); recorded in the decision.</summary>
public enum Exemption
{
    /// <summary>No exemption claimed.</summary>
    None,

    /// <summary>Trade, transport, academic, manufacturing or marketing data with no personal information or important data (Art 3).</summary>
    NoPersonalInformation,

    /// <summary>Data collected abroad that only passed through the country (Art 4).</summary>
    Transit,

    /// <summary>Necessary for a contract to which the individual is a party (Art 5(1)).</summary>
    Contract,

    /// <summary>Cross-border human-resources management (Art 5(2)).</summary>
    HumanResources,

    /// <summary>Emergency to protect life, health or property (Art 5(3)).</summary>
    Emergency,
}
