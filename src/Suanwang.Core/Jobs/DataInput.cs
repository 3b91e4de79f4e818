using System.Text.Json.Serialization;
using Suanwang.Core.Sites;

namespace Suanwang.Core.Jobs;

/// <summary>A dataset a job reads: where it lives and what law binds it.</summary>
/// <param name="Name">Dataset name.</param>
/// <param name="SizeGB">Size in gigabytes (10^9 bytes).</param>
/// <param name="Site">Site that holds it; null when it comes from outside the network.</param>
/// <param name="Jurisdiction">Where its law applies.</param>
/// <param name="Class">Its data-security class.</param>
public sealed record DataInput(string Name, double SizeGB, string? Site, Jurisdiction Jurisdiction, DataClass Class)
{
    /// <summary>True when the data may not leave <see cref="Jurisdiction"/>.</summary>
    [JsonIgnore]
    public bool MustStay => Class != DataClass.General;
}
