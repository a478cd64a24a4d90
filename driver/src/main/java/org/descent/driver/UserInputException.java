package org.descent.driver;

/**
 * The user's input is wrong: a data file, a path, a configuration key or value. The message
 * is one line meant for the user (file and line, key and allowed values); the CLI prints it
 * without a stack trace unless asked to be verbose.
 */
public class UserInputException extends RuntimeException {

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
