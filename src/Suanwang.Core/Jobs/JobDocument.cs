using System.Text.Json;

namespace Suanwang.Core.Jobs;

/// <summary>
/// The stored form of a parsed <see cref="JobSpec"/>: canonical JSON (snake_case names, enums by
/// name, every field written), so a job is parsed once at admission and read back
/// exactly; see docs/storage.md.
/// </summary>
public static class JobDocument
{
    /// <summary>The canonical JSON of <paramref name="spec"/>.</summary>
    public static string Write(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return JsonSerializer.Serialize(spec, JobDocumentContext.Default.JobSpec);
    }

    /// <summary>The spec a document holds.</summary>
    /// <exception cref="InvalidDataException">The text is not a job document.</exception>
    public static JobSpec Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var spec = JsonSerializer.Deserialize(json, JobDocumentContext.Default.JobSpec);
            if (spec?.Resources is null || spec.Name is null || spec.Tenant is null || spec.Inputs is null || spec.AllowedJurisdictions is null)
            {
                throw new InvalidDataException("the job document lacks a required field");
            }

            return spec;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a job document: {e.Message}", e);
        }
    }
}
