using Suanwang.Core.Jobs;
using Suanwang.Core.Law;

namespace Suanwang.ControlPlane.Policy;

/// <summary>A job's declared input classes (<c>inputs[].class</c>) as facts of the engine.</summary>
public sealed partial class DataLaw
{
    /// <summary>
    /// The datasets a job's decision covers: its registered <paramref name="registered"/> datasets,
    /// each raised to the class an input named after it declares, and every other input declared
    /// important or core as the tenant's own data under the input's country. A declaration only
    /// raises a class (rule G0-11 keeps declared data in its country); general declares nothing.
    /// </summary>
    public static IReadOnlyList<Dataset> WithDeclared(string tenant, IReadOnlyList<Dataset> registered, IReadOnlyList<DataInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(registered);
        ArgumentNullException.ThrowIfNull(inputs);
        var result = registered.ToList();
        foreach (var input in inputs)
        {
            if (input.Class == DataClass.General)
            {
                continue;
            }

            var declared = input.Class == DataClass.Core ? Classification.Core : Classification.Important;
            var at = result.FindIndex(d => d.Id == input.Name && registered.Contains(d));
            if (at >= 0)
            {
                var dataset = result[at];
                result[at] = dataset with { DeclaredClass = dataset.DeclaredClass > declared ? dataset.DeclaredClass : declared };
                continue;
            }

            result.Add(new Dataset(input.Name, tenant, input.Site, input.Jurisdiction.Country, Classification.General, null, 0, 0, [], [], [], [], null)
            {
                DeclaredClass = declared,
            });
        }

        return result;
    }
}
