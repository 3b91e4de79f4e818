namespace Suanwang.Core.Schemas;

/// <summary>The fields of one mapping in a document; any other key is an error.</summary>
public sealed class FieldSet
{
    /// <summary>A mapping called <paramref name="title"/> with <paramref name="fields"/> in documentation order.</summary>
    public FieldSet(string title, string description, params Field[] fields)
    {
        Title = title;
        Description = description;
        Fields = fields;
        Names = fields.Select(f => f.Name).ToArray();
    }

    /// <summary>The mapping's name in schemas (for example <c>JobSpec</c>).</summary>
    public string Title { get; }

    /// <summary>What the mapping is.</summary>
    public string Description { get; }

    /// <summary>The fields, in the order errors and documentation list them.</summary>
    public IReadOnlyList<Field> Fields { get; }

    /// <summary>The field names, in order.</summary>
    public string[] Names { get; }
}
