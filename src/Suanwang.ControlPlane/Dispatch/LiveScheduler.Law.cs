using Suanwang.Core.Jobs;
using Suanwang.Core.Sites;
using Suanwang.Scheduling.Requests;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>
/// Countries the data law denied a job when a placement there was committed (its tenant's counter
/// grew since admission): the job is kept from them until the sites change, so it is placed
/// elsewhere or waits, and the denial is not decided again on every pass.
/// </summary>
public sealed partial class LiveScheduler
{
    private readonly Dictionary<long, CountrySet> _forbidden = [];
    private readonly Dictionary<long, string> _reasons = [];

    /// <summary>The spec of a job the scheduler holds, or null.</summary>
    public JobSpec? SpecOf(long jobId) => _specs.GetValueOrDefault(jobId);

    /// <summary>The country of site <paramref name="site"/>, or null when it is not in the network.</summary>
    public string? CountryOf(string site) =>
        _built && _siteIndex.TryGetValue(site, out var s) ? _network.Sites[s].Jurisdiction.Country : null;

    /// <summary>
    /// Keeps job <paramref name="jobId"/> out of <paramref name="country"/> and forgets the job, so
    /// the next sync queues it again without that country (or parks it when none is left).
    /// </summary>
    public void Forbid(long jobId, string country, string reason)
    {
        var index = CountryCodes.IndexOf(country);
        if (index >= 0)
        {
            _forbidden[jobId] = _forbidden.GetValueOrDefault(jobId).With(index);
            _reasons[jobId] = reason;
        }

        Abandon(jobId);
    }

    // The request without the countries the law denied it at placement; false when none is left.
    private bool WithoutForbidden(ref PlacementRequest request, out string? reason)
    {
        reason = null;
        if (!_forbidden.TryGetValue(request.JobId, out var denied))
        {
            return true;
        }

        var a = request.AllowedCountries;
        var left = new CountrySet(a.W0 & ~denied.W0, a.W1 & ~denied.W1, a.W2 & ~denied.W2, a.W3 & ~denied.W3);
        if (left.IsEmpty)
        {
            reason = $"denied by data law in every country the job may run in: {_reasons[request.JobId]}";
            return false;
        }

        request = request with { AllowedCountries = left };
        return true;
    }

    private void ForgetForbidden(long jobId)
    {
        _forbidden.Remove(jobId);
        _reasons.Remove(jobId);
    }

    private void ClearForbidden()
    {
        _forbidden.Clear();
        _reasons.Clear();
    }
}
