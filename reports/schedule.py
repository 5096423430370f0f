BEAT: dict = {}
