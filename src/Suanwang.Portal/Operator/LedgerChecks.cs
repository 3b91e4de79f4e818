using Suanwang.Storage.Market;

namespace Suanwang.Portal.Operator;

/// <summary>
/// The portal's ledger checks: the full <c>ledger verify</c> runs when an admin asks for it, one
/// at a time (an admin who asks while one runs gets that run's result), and the page shows the
/// last one's result rather than checking every posting on each visit.
/// </summary>
/// <param name="verify">The check: the store's <see cref="ILedgerStore.VerifyLedgerAsync"/>.</param>
/// <param name="time">The clock that dates each check.</param>
public sealed class LedgerChecks(Func<CancellationToken, Task<LedgerCheck>> verify, TimeProvider time)
{
    private readonly Lock _lock = new();
    private Task<LedgerCheckRun>? _running;
    private LedgerCheckRun? _last;

    /// <summary>The last finished check since the server started; null before the first.</summary>
    public LedgerCheckRun? Last
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    /// <summary>Whether a check is running now.</summary>
    public bool Running
    {
        get
        {
            lock (_lock)
            {
                return _running is not null;
            }
        }
    }

    /// <summary>Runs a check, or joins the one running; it is not cancelled when one of those asking goes away.</summary>
    public Task<LedgerCheckRun> RunAsync()
    {
        lock (_lock)
        {
            return _running ??= CheckAsync();
        }
    }

    private async Task<LedgerCheckRun> CheckAsync()
    {
        // Returns to RunAsync before the check starts, so the task is in _running before it can end.
        await Task.Yield();
        try
        {
            var started = time.GetUtcNow();
            var check = await verify(CancellationToken.None).ConfigureAwait(false);
            var run = new LedgerCheckRun(started, time.GetUtcNow() - started, check);
            lock (_lock)
            {
                _last = run;
            }

            return run;
        }
        finally
        {
            lock (_lock)
            {
                _running = null;
            }
        }
    }
}
