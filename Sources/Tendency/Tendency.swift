@_exported import TendencyCore
