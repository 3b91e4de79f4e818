using System.Globalization;

namespace Suanwang.Simulation.Traces;

/// <summary>
/// Reads the Philly job list shipped with the Pollux artifact (columns timestamp, duration,
/// num_gpus, gpu_time, cluster): one job per row, arrival from the submission timestamp, run time
/// from duration, the virtual cluster as tenant, any accelerator model.
/// </summary>
public sealed class PhillyTraceReader : ITraceReader
{
    private const int Timestamp = 0;
    private const int Duration = 1;
    private const int NumGpus = 2;
    private const int GpuTime = 3;
    private const int Cluster = 4;
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    private static readonly CsvSchema s_schema = new("timestamp", "duration", "num_gpus", "gpu_time", "cluster");

    /// <inheritdoc />
    public string Format => "philly";

    // Philly's jobs ran on the cluster's Pascal GPUs, P100s and 24 GB P40s (Jeon et al., "Analysis
    // of Large-Scale Multi-Tenant GPU Clusters for DNN Training Workloads", USENIX ATC 2019; the
    // public trace's machine list has 12 GB and 24 GB cards). The job list does not say which card
    // a job had, and the catalog has no P40, so run times are taken as P100 times.
    /// <inheritdoc />
    public string ReferenceModel => "P100";

    /// <inheritdoc />
    public bool Matches(string headerLine) => s_schema.Matches(headerLine);

    /// <inheritdoc />
    public Trace Read(TextReader reader, string source)
    {
        s_schema.CheckHeader(reader.ReadLine(), source);
        var builder = new TraceBuilder(capacity: 1024);
        var tenants = new StringPool();
        Span<Range> ranges = stackalloc Range[s_schema.Count + 1];
        var lineNumber = 1;
        var index = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var row = s_schema.Split(line, lineNumber, source, ranges);
            var submitted = ParseTimestamp(row);
            var duration = row.Double(Duration, 0);
            var cards = row.Int(NumGpus, 1);
            row.Double(GpuTime, 0);
            var tenant = tenants.Get(row.Required(Cluster));
            builder.Add(string.Create(CultureInfo.InvariantCulture, $"philly-{index}"), submitted, duration, cards, tenant, []);
            index++;
        }

        return builder.Build(source, Format, ReferenceModel);
    }

    // The timestamps are local wall-clock time with no zone, so they are read as such: a gap that
    // spans the end of daylight saving time (2017-11-05) may be off by an hour. The fixed layout is
    // parsed by hand, which costs far less per row than DateTime.TryParseExact.
    private static double ParseTimestamp(CsvRow row)
    {
        var text = row.Required(Timestamp);
        if (text.Length != TimestampFormat.Length
            || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            throw row.Error(Timestamp, $"'{text}' is not a date and time of the form {TimestampFormat}");
        }

        var days = new DateOnly(year, month, day).DayNumber;
        return (days * 86_400L) + (hour * 3_600) + (minute * 60) + second;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
