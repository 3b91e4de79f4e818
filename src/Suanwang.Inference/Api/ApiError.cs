namespace Suanwang.Inference.Api;

// An error a request caused or met, answered in OpenAI's body:
// {"error": {"message", "type", "param", "code"}} with the matching HTTP status.
internal sealed class ApiError : Exception
{
    public ApiError(int status, string message, string type, string? param, string? code)
        : base(message)
    {
        Status = status;
        Type = type;
        Param = param;
        Code = code;
    }

    public ApiError()
        : this(500, "internal error", "server_error", null, null)
    {
    }

    public ApiError(string message)
        : this(500, message, "server_error", null, null)
    {
    }

    public ApiError(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
        Type = "server_error";
    }

    public int Status { get; }

    public string Type { get; }

    public string? Param { get; }

    public string? Code { get; }

    public static ApiError Invalid(string param, string message, string code = "invalid_value") =>
        new(400, message, "invalid_request_error", param, code);

    public static ApiError ContextExceeded(string param, string message) =>
        new(400, message, "invalid_request_error", param, "context_length_exceeded");

    public static ApiError ModelNotFound(string model) =>
        new(404, $"The model '{model}' does not exist or you do not have access to it.", "invalid_request_error", "model", "model_not_found");
}
