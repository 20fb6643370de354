using Tarang.Server;

if (args.Length > 0 && args[0] == AdminCommand.Name)
{
    return await AdminCommand.RunAsync(args, Console.Out);
}

var app = await TarangServer.BuildAsync(args);
await app.RunAsync();
return 0;
