using Tarang.Server;

var app = await TarangServer.BuildAsync(args);
await app.RunAsync();
