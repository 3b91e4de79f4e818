using Suanwang.Core.Errors;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Tests.Traces;

internal static class TraceAssert
{
    public static void SortedByArrival(Trace trace)
    {
        for (var i = 1; i < trace.Jobs.Count; i++)
        {
            Assert.True(
                trace.Jobs[i - 1].ArrivalSeconds <= trace.Jobs[i].ArrivalSeconds,
                $"job {i - 1} ({trace.Jobs[i - 1].Name}) arrives after job {i} ({trace.Jobs[i].Name})");
        }
    }

    public static InputError Fails(ITraceReader reader, string text, string source = "bad.csv")
    {
        var e = Assert.Throws<InputException>(() => reader.Read(new StringReader(text), source));
        return e.Error;
    }

    public static void Located(InputError error, string source, int line, string field)
    {
        Assert.Equal(source, error.Source);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
