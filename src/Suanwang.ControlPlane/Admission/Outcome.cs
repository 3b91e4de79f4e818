using System.Diagnostics.CodeAnalysis;

namespace Suanwang.ControlPlane.Admission;

/// <summary>What a use case answers: a value, or the refusal that stopped it.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly record struct Outcome<T>
{
    private Outcome(T? value, Refusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    /// <summary>The value; set when <see cref="Refusal"/> is null.</summary>
    public T? Value { get; }

    /// <summary>Why the request was refused; null on success.</summary>
    public Refusal? Refusal { get; }

    /// <summary>True when the request was refused.</summary>
    [MemberNotNullWhen(true, nameof(Refusal))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Refused => Refusal is not null;

    /// <summary>A success.</summary>
    public static implicit operator Outcome<T>(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}
