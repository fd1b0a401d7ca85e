"""A small TCP proxy the tests own, to put faults between the site and a real service.

    with FaultyProxy("127.0.0.1", 6379) as proxy:   # Redis, through 127.0.0.1:proxy.port
        proxy.set_mode("cut")    # connections are closed, new ones refused at once: service down
        proxy.set_mode("hang")   # nothing is answered any more, new connections included
        proxy.set_mode("pass")   # bytes flow both ways again

Listens on 127.0.0.1 only; the threads stop with the context manager.
"""

import socket
import threading


class FaultyProxy:
    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.mode = "pass"
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stopping = threading.Event()
        self.sockets: list[socket.socket] = []
        self.unanswered = 0  # chunks of data received and swallowed while hanging

    def __enter__(self):
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.listener.close()
        self.drop_connections()

    def set_mode(self, mode: str):
        self.mode = mode
        if mode == "cut":
            self.drop_connections()

    def drop_connections(self):
        """Close every connection made so far (clients see the service go away)."""
        for sock in self.sockets:
            try:
                sock.close()
            except OSError:
                pass
        self.sockets.clear()

    def _accept(self):
        while not self.stopping.is_set():
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            self.sockets.append(client)
            if self.mode == "cut":
                client.close()
            elif self.mode == "pass":
                try:
                    upstream = socket.create_connection(self.target, timeout=2)
                except OSError:
                    client.close()
                    continue
                self.sockets.append(upstream)
                for source, sink in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()
            else:  # "hang": keep the socket open; what it sends is read and swallowed
                threading.Thread(target=self._swallow, args=(client,), daemon=True).start()

    def _swallow(self, client):
        try:
            while not self.stopping.is_set() and client.recv(65536):
                self.unanswered += 1
        except OSError:
            pass

    def _pipe(self, source, sink):
        try:
            while not self.stopping.is_set():
                data = source.recv(65536)
                if not data:
                    break
                if self.mode == "hang":
                    self.unanswered += 1
                    continue  # swallowed: the other side waits for an answer that never comes
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.close()
                except OSError:
                    pass
