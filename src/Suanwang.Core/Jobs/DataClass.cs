namespace Suanwang.Core.Jobs;

/// <summary>
/// Classification of a dataset under data-security law. Important and core data may not leave the
/// jurisdiction they are held in (China's Data Security Law, Art. 21 and 31, and the 2024
/// Provisions on Promoting and Regulating Cross-Border Data Flows).
/// </summary>
public enum DataClass
{
    /// <summary>Ordinary data: may move wherever the job may run.</summary>
    General,

    /// <summary>Important data: stays in its jurisdiction.</summary>
    Important,

    /// <summary>Core data: stays in its jurisdiction.</summary>
    Core,
}
