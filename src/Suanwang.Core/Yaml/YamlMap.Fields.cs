using Suanwang.Core.Errors;
using Suanwang.Core.Schemas;

namespace Suanwang.Core.Yaml;

// Reads driven by a field definition: the name, bounds and default come from the Field, so the
// reader and the JSON Schema written from the same definition agree.
internal sealed partial class YamlMap
{
    /// <summary>Rejects keys that are not in <paramref name="set"/>.</summary>
    public void RejectUnknown(FieldSet set) => RejectUnknown(set.Names);

    /// <summary>True when the field is given.</summary>
    public bool Has(Field field) => Has(field.Name);

    /// <summary>The field's text, its default when absent, or null when optional without default.</summary>
    public string? Text(Field field) => field.Required ? RequiredString(field.Name) : OptionalString(field.Name) ?? field.Default;

    /// <summary>A required string, or the text of an optional one that must be present.</summary>
    public string RequiredText(Field field) =>
        Text(field) ?? throw new InputException(Source, Line, FieldPath(field.Name), "required field is missing");

    /// <summary>A whole number within the field's bounds.</summary>
    public int WholeNumber(Field field) =>
        ParseInt(RequiredText(field), field.Name, (int)(field.Min ?? int.MinValue), (int)(field.Max ?? int.MaxValue));

    /// <summary>A number within the field's bounds.</summary>
    public double Number(Field field) =>
        ParseDouble(RequiredText(field), field.Name, field.Min ?? double.MinValue, field.Max ?? double.MaxValue);

    /// <summary>A decimal amount within the field's bounds.</summary>
    public decimal Decimal(Field field) =>
        ParseDecimal(RequiredText(field), field.Name, (decimal)(field.Min ?? (double)decimal.MinValue), field.Max is { } max ? (decimal)max : decimal.MaxValue);

    /// <summary>True or false (also yes/no, on/off), or the field's default.</summary>
    public bool Boolean(Field field) => OptionalBool(field.Name, bool.Parse(field.Default ?? "false"));

    /// <summary>One of the field's values (case-insensitive), as the definition spells it.</summary>
    public string Choice(Field field)
    {
        var text = RequiredText(field);
        return field.Values.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase))
            ?? throw Error(field.Name, $"'{text}' is not one of {string.Join(", ", field.Values)}");
    }
}
