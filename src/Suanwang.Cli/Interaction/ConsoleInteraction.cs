using Spectre.Console;

namespace Suanwang.Cli.Interaction;

/// <summary>
/// All console output goes through here: results to standard output, progress and errors to
/// standard error, so that <c>--format json</c> leaves only JSON on standard output.
/// </summary>
internal sealed class ConsoleInteraction
{
    private readonly TextWriter _out;
    private readonly IAnsiConsole _error;
    private readonly bool _interactive;

    public ConsoleInteraction(TextWriter output, TextWriter error, bool interactive)
    {
        _out = output;
        _interactive = interactive;
        _error = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Redirected, Spectre assumes 80 columns and wraps: an error naming a long path would
            // span lines and no longer read (or grep) as one file:line: field: message line.
            _error.Profile.Width = int.MaxValue;
        }

        Out = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!interactive)
        {
            // Likewise a wide table (offers has twelve columns) piped to a file or grep would be
            // squeezed into 80 columns and its cells broken over lines.
            Out.Profile.Width = int.MaxValue;
        }
    }

    /// <summary>Standard output as a Spectre console, for tables.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>The console of this process; interactive when standard error is a terminal.</summary>
    public static ConsoleInteraction FromProcess() =>
        new(Console.Out, Console.Error, !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null);

    /// <summary>Writes a line to standard output (JSON, plain results), control and bidirectional characters escaped.</summary>
    public void WriteLine(string text) => _out.WriteLine(TerminalText.Lines(text));

    /// <summary>Writes raw text to standard output, as it comes (a job's log).</summary>
    public void Write(string text)
    {
        _out.Write(text);
        _out.Flush();
    }

    /// <summary>Writes an error for the user: one line, no stack trace.</summary>
    public void Error(string message) => _error.MarkupLine($"[red]error:[/] {Markup.Escape(TerminalText.Lines(message))}");

    /// <summary>Writes a note to standard error.</summary>
    public void Note(string message) => _error.MarkupLine($"[grey]{Markup.Escape(TerminalText.Lines(message))}[/]");

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar on standard error when interactive;
    /// otherwise quietly. The work reports a fraction 0..1.
    /// </summary>
    public T WithProgress<T>(string title, Func<IProgress<double>, T> work)
    {
        if (!_interactive)
        {
            return work(new Progress<double>(_ => { }));
        }

        T result = default!;
        _error.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(TerminalText.Markup(title), maxValue: 1.0);
                result = work(new SyncProgress(value => task.Value = value));
            });
        return result;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a live status line on standard error when interactive;
    /// otherwise each status the work reports becomes one note line.
    /// </summary>
    public async Task<T> WithStatusAsync<T>(string initial, Func<Action<string>, Task<T>> work)
    {
        if (!_interactive)
        {
            Note(initial);
            return await work(Note).ConfigureAwait(false);
        }

        return await _error.Status().StartAsync(TerminalText.Markup(initial), context =>
            work(status =>
            {
                context.Status(TerminalText.Markup(status));
                _error.MarkupLine($"[grey]{TerminalText.Markup(status)}[/]");
            })).ConfigureAwait(false);
    }

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
