namespace Suanwang.Storage.Policy;

/// <summary>What an exporter has exported in one calendar year: individuals (non-sensitive) and sensitive.</summary>
/// <param name="Individuals">Individuals whose personal information left, counted per export.</param>
/// <param name="Sensitive">Individuals whose sensitive personal information left.</param>
public sealed record ExportCounter(long Individuals, long Sensitive);
