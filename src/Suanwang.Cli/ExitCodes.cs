namespace Suanwang.Cli;

/// <summary>Process exit codes of the <c>suanwang</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>Something went wrong that is not the user's input.</summary>
    public const int Failure = 1;

    /// <summary>A file, flag or value the user gave is invalid; nothing was written.</summary>
    public const int InvalidInput = 2;

    /// <summary><c>submit --wait</c>: the job ended but did not succeed (failed or cancelled).</summary>
    public const int JobNotSucceeded = 3;

    /// <summary>An order was refused because the tenant's balance cannot cover what it holds (HTTP 402).</summary>
    public const int BalanceTooLow = 4;

    /// <summary>Interrupted with Ctrl-C; nothing was written.</summary>
    public const int Cancelled = 130;
}
