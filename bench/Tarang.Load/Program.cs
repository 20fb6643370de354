using System.Text.Json;
using System.Text.Json.Serialization;
using Tarang.Load;

// Usage: dotnet run -c Release --project bench/Tarang.Load -- load|soak [options]; docs/load-tool.md explains each figure.
if (!LoadToolOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(LoadToolOptions.Usage);
    return 2;
}

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};

var command = "Tarang.Load " + string.Join(' ', args);
RunReport report;
try
{
    report = options.Kind == RunKind.Load
        ? await LoadRun.RunAsync(options, command, Console.Out, stopping.Token)
        : await SoakRun.RunAsync(options, command, Console.Out, stopping.Token);
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped by Ctrl+C; no report was written.");
    return 1;
}
catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or TimeoutException or ArgumentException)
{
    Console.Error.WriteLine($"The run failed: {exception.Message}");
    return 1;
}

var json = JsonSerializer.Serialize(report, new JsonSerializerOptions
{
    WriteIndented = true,
    PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    Converters = { new JsonStringEnumConverter() },
});
await File.WriteAllTextAsync(options.Output, json);
Console.WriteLine(Summary.Of(report));
Console.WriteLine($"Report: {Path.GetFullPath(options.Output)}");
return report.Server?.ExitCode is null ? 0 : 1;
