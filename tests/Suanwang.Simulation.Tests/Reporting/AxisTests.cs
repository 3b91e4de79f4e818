using Suanwang.Simulation.Reporting;

namespace Suanwang.Simulation.Tests.Reporting;

public sealed class AxisTests
{
    [Fact]
    public void Log_PlacesEachDecadeEqually()
    {
        var axis = Axis.Log("t", [new(1, "1"), new(10, "10"), new(100, "100")]);

        Assert.Equal(0, axis.Position(1), 12);
        Assert.Equal(0.5, axis.Position(10), 12);
        Assert.Equal(1, axis.Position(100), 12);
    }

    [Fact]
    public void Linear_ClampsValuesOutsideTheAxis()
    {
        var axis = Axis.Linear("y", TickGenerator.Linear(0, 100));

        Assert.Equal(0.25, axis.Position(25), 12);
        Assert.Equal(0, axis.Position(-5));
        Assert.Equal(1, axis.Position(250));
    }

    [Fact]
    public void Log_ZeroOrNegative_SitsAtTheStart()
    {
        var axis = Axis.Log("t", [new(1, "1"), new(10, "10")]);

        Assert.Equal(0, axis.Position(0));
        Assert.Equal(0, axis.Position(-3));
    }
}
