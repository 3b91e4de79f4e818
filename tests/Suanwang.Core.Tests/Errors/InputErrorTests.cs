using Suanwang.Core.Errors;

namespace Suanwang.Core.Tests.Errors;

public sealed class InputErrorTests
{
    [Fact]
    public void ToString_WithLineAndField_ReadsLikeACompilerMessage()
    {
        var error = new InputError("net.yaml", 12, "sites[0].pools[1].model", "'B300' is not in the accelerator catalog");

        Assert.Equal("net.yaml:12: sites[0].pools[1].model: 'B300' is not in the accelerator catalog", error.ToString());
    }

    [Fact]
    public void ToString_WithoutLineOrField_LeavesThemOut()
    {
        Assert.Equal("POST /api/v1/jobs: the file is empty", new InputError("POST /api/v1/jobs", 0, "", "the file is empty").ToString());
    }

    [Fact]
    public void ToString_FlagThatIsBothSourceAndField_NamesItOnce()
    {
        Assert.Equal("--policy: 'lifo' is not one of fifo, priority", new InputError("--policy", 0, "--policy", "'lifo' is not one of fifo, priority").ToString());
    }

    [Fact]
    public void InputException_MessageIsTheLocatedError()
    {
        var exception = new InputException("job.yaml", 3, "budget.currency", "'usd' is not an ISO 4217 currency code");

        Assert.Equal("job.yaml:3: budget.currency: 'usd' is not an ISO 4217 currency code", exception.Message);
        Assert.Equal(3, exception.Error.Line);
    }
}
