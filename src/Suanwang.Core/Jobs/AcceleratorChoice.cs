namespace Suanwang.Core.Jobs;

/// <summary>How a job's list of accelerator models is read.</summary>
public enum AcceleratorChoice
{
    /// <summary>Models in order of preference: earlier is better, later is acceptable.</summary>
    Preference,

    /// <summary>Any of the models, equally good.</summary>
    AnyOf,
}
