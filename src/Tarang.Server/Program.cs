using Microsoft.Extensions.Options;
using Tarang.Server;

if (args.Length > 0 && args[0] == AdminCommand.Name)
{
    return await AdminCommand.RunAsync(args, Console.Out);
}

try
{
    var app = await TarangServer.BuildAsync(args);
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (exception is OptionsValidationException or ArgumentException or InvalidDataException or IOException
    || (exception is InvalidOperationException && exception.InnerException is null))
{
    // A bad setting or an unusable file: the message names it, so one line names what to fix.
    // Anything else is a bug and keeps its stack trace.
    await Console.Error.WriteLineAsync($"Tarang did not start: {exception.Message}");
    return 1;
}
