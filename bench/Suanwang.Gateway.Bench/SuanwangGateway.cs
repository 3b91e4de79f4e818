namespace Suanwang.Gateway.Bench;

/// <summary>
/// The Suanwang target the bench starts itself, in front of the fake upstream. Until the
/// server's <c>/v1</c> gateway is in this repository there is nothing to start, and
/// <c>--gateway URL --api-key KEY</c> measures any running OpenAI-compatible gateway instead.
/// </summary>
internal static class SuanwangGateway
{
    /// <summary>
    /// Starts a Suanwang gateway relaying model <paramref name="model"/> to <paramref name="upstream"/>
    /// and returns the process (for its CPU time; disposed after the run) and the target (its
    /// <c>/v1/</c> URL and a tenant key as the bearer token); null, after a line on
    /// <paramref name="log"/>, when it cannot.
    /// </summary>
    /// <remarks>
    /// What it is to do once the gateway lands, as a user would: run the <c>suanwang</c> command
    /// as a child process with a fresh data folder, a free port and the upstream registered as an
    /// external endpoint of its embedded site (<c>up --port P --data DIR --upstream MODEL=URL
    /// --token-price IN/OUT</c>), read the admin key from its output, create a tenant and a tenant
    /// key and top the tenant's wallet up far beyond the run's cost through the admin API, wait
    /// until <c>GET /v1/models</c> lists the model, and return
    /// <c>new Target("suanwang", http://127.0.0.1:P/v1/, [Authorization: Bearer KEY], model, ProcessCpu.Of(pid))</c>.
    /// Billing and metering stay on: they are part of what is measured.
    /// </remarks>
    public static Task<(ChildProcess Process, Target Target)?> TryStartAsync(Uri upstream, string model, TextWriter log)
    {
        _ = upstream;
        _ = model;
        log.WriteLine("Suanwang: the gateway cannot be started by the bench yet; pass --gateway URL --api-key KEY to measure a running one");
        return Task.FromResult<(ChildProcess Process, Target Target)?>(null);
    }
}
