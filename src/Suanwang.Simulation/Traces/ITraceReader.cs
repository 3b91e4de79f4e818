namespace Suanwang.Simulation.Traces;

/// <summary>Reads one workload trace format into a <see cref="Trace"/>.</summary>
public interface ITraceReader
{
    /// <summary>The format's name, as given to <c>--format</c> (philly, pollux, alibaba).</summary>
    string Format { get; }

    /// <summary>Catalog id of the accelerator model the format's run times were measured on.</summary>
    string ReferenceModel { get; }

    /// <summary>Whether <paramref name="headerLine"/>, a file's first line, is this format's header.</summary>
    bool Matches(string headerLine);

    /// <summary>
    /// Reads a whole file from its header on; <paramref name="source"/> (the file path) names it in
    /// errors. Throws <see cref="Suanwang.Core.Errors.InputException"/> on malformed input.
    /// </summary>
    Trace Read(TextReader reader, string source);
}
